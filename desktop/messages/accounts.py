"""Messages of the data layer (database, backup, audit) and of accounts and permissions."""

MESSAGES: dict[str, tuple[str, str]] = {
    # opening a database
    "database.network_share": (
        "数据库文件 {path} 位于网络共享（{detail}）上，不能用于写入：SQLite 的 WAL 模式不支持网络文件系统，"
        "多台电脑同时写入会损坏数据。请把文件放在本机磁盘上；多人共用请改用 PostgreSQL 服务器。",
        "The database file {path} is on a network share ({detail}) and cannot be written: SQLite's WAL "
        "mode does not work over a network file system. Keep the file on a local disk; to share data "
        "between PCs, use a PostgreSQL server.",
    ),
    "database.sync_folder": (
        "数据库文件位于同步文件夹（{folder}）中，同步软件可能上传写到一半的文件。建议移到本机其他文件夹。",
        "The database file is in a sync folder ({folder}); the sync client may upload it half-written. "
        "Move it to another local folder.",
    ),
    "database.read_only_file": (
        "数据库文件 {path} 是只读的，LandSpace 无法在其中保存。文件本身没有问题，也没有被改动。"
        "请在文件属性中取消“只读”，或把文件复制到一个可写的本机文件夹后再打开。",
        "The database file {path} is read-only, so LandSpace cannot save to it. The file itself is fine "
        "and was not changed. Clear its read-only attribute, or copy it to a writable local folder and "
        "open the copy.",
    ),
    "database.read_only_folder": (
        "数据库 {path} 所在的文件夹是只读的（SQLite 需要在同一文件夹中写入日志文件），LandSpace 无法保存。"
        "文件本身没有问题，也没有被改动。请把文件放到一个可写的本机文件夹。",
        "The folder of the database {path} is read-only (SQLite writes its journal files beside the "
        "database), so LandSpace cannot save. The file itself is fine and was not changed. Move it to a "
        "writable local folder.",
    ),
    "database.unreadable": (
        "无法打开数据库 {path}（{detail}）。这通常是权限或文件被占用造成的，并不表示文件损坏；文件未做改动。",
        "The database {path} could not be opened ({detail}). This is usually a permission problem or a "
        "file in use by another program, not damage; the file was left unchanged.",
    ),
    "database.connection_lost": (
        "与数据库服务器的连接中断了，本次操作没有保存。请稍后重试；如果一直失败，请联系管理员检查服务器。",
        "The connection to the database server was lost; this action was not saved. Try again in a "
        "moment; if it keeps failing, ask the administrator to check the server.",
    ),
    "audit.nothing_to_anchor": (
        "审计日志还是空的，没有可记下的锚点。",
        "The audit log is empty: there is nothing to anchor.",
    ),
    "audit.anchor_unreadable": (
        "{file} 不是 LandSpace 审计锚点文件（{reason}）。",
        "{file} is not a LandSpace audit anchor file ({reason}).",
    ),
    "audit.anchor_taken": (
        "审计锚点：第 {entry_id} 条（{at}），共 {entries} 条，哈希 {hash}；记录于 {made_on}，文件：{file}。"
        "请打印存档或发给其他单位，日后用“check --anchor 文件”核对。",
        "Audit anchor: entry {entry_id} ({at}) of {entries}, hash {hash}; taken {made_on}, file: {file}. "
        "File it on paper or send it to another office; verify later with “check --anchor FILE”.",
    ),
    "audit.anchor_ok": (
        "审计锚点 {file}（第 {entry_id} 条，{made_on}）核对一致：此前的历史未被改写。",
        "Audit anchor {file} (entry {entry_id}, {made_on}) matches: history up to it is intact.",
    ),
    "audit.anchor_missing": (
        "审计锚点（{made_on}）记下的第 {entry_id} 条审计记录已不存在：审计日志被删改过。",
        "Audit entry {entry_id}, anchored on {made_on}, no longer exists: the audit log was tampered with.",
    ),
    "audit.anchor_mismatch": (
        "第 {entry_id} 条审计记录与 {made_on} 记下的锚点不符：此前的审计历史被改写过（即使哈希链重新计算过）。",
        "Audit entry {entry_id} differs from the anchor taken {made_on}: the history before it was rewritten "
        "(even if the hash chain was recomputed).",
    ),
    "audit.trigger_missing": (
        "审计日志的保护触发器 {trigger} 不见了：审计记录可能已被绕过程序修改或删除。请联系管理员。",
        "The audit log's protecting trigger {trigger} is missing: audit entries may have been changed or "
        "deleted behind LandSpace's back. Contact the administrator.",
    ),
    "permission.denied_by_server": (
        "数据库服务器拒绝了这次操作：您的账号没有这项权限（{detail}）。没有保存任何内容；如需此权限请联系管理员。",
        "The database server refused this: your account does not have the right ({detail}). Nothing was saved; "
        "ask the administrator if you need it.",
    ),
    "database.refused": (
        "数据库拒绝保存这次修改（{detail}）。没有保存任何内容，之前保存的数据都在。请检查输入后重试；如果反复出现，请把这段文字发给管理员。",
        "The database refused this change ({detail}). Nothing was saved and everything saved before is intact. "
        "Check what you entered and try again; if it keeps happening, send this text to the administrator.",
    ),
    "server.not_installed": (
        "此 PostgreSQL 数据库尚未执行“landspace install-server”：所有人共用同一个数据库账号，用户之间没有真正隔离。"
        "请数据库管理员执行一次（见 docs/guide/server.md）。",
        "This PostgreSQL database has not been set up with “landspace install-server”: everyone shares one "
        "database account and users are not really separated. Ask the database administrator to run it once "
        "(see docs/guide/server.md).",
    ),
    "server.security": (
        "服务器权限与 LandSpace 的权限表不一致（{what}：{where}）。请数据库管理员重新执行“landspace install-server”。",
        "The server's permissions differ from LandSpace's permission matrix ({what}: {where}). Ask the database "
        "administrator to run “landspace install-server” again.",
    ),
    "server.not_postgresql": (
        "install-server 只用于 PostgreSQL 数据库。",
        "install-server is for PostgreSQL databases only.",
    ),
    "server.installed": (
        "已在 {url} 上设置角色、授权、行级安全和审计表属主（{statements} 条语句）。",
        "Roles, grants, row-level security and the audit owner are set up on {url} ({statements} statements).",
    ),
    "database.login_failed": (
        "无法以 {user} 身份登录数据库服务器：密码不对或未提供密码。可设置环境变量 PGPASSWORD，或在提示时输入密码。",
        "Could not log in to the database server as {user}: wrong or missing password. Set PGPASSWORD, or "
        "type the password when asked.",
    ),
    "database.unreachable": (
        "连接不上数据库服务器 {host}（{detail}）。请检查网络和服务器是否在运行。",
        "Cannot reach the database server {host} ({detail}). Check the network and that the server is running.",
    ),
    "database.not_landspace": (
        "{path} 不是 LandSpace 数据库，未做任何改动。",
        "{path} is not a LandSpace database; it was left unchanged.",
    ),
    "database.newer_version": (
        "{path} 由更新版本的 LandSpace 写入（架构版本 {revision}），本程序无法打开。请升级 LandSpace；文件未做改动。",
        "{path} was written by a newer LandSpace (schema {revision}); upgrade LandSpace to open it. "
        "The file was left unchanged.",
    ),
    "database.corrupt": (
        "数据库 {path} 已损坏（{detail}），不能写入。最近一份经过校验的备份：{backup}",
        "The database {path} is damaged ({detail}) and cannot be written. Newest verified backup: {backup}",
    ),
    "database.read_only": (
        "数据库 {path} 只能查看，不能修改：{reason}",
        "The database {path} can be viewed but not changed: {reason}",
    ),
    "database.migration_failed": (
        "数据库升级失败（{reason}，{table}），数据库保持原样。",
        "Upgrading the database failed ({reason}, {table}); the database was left as it was.",
    ),
    "database.disk_full": (
        "磁盘已满，本次修改没有保存（之前保存的数据都在）。请清理磁盘 {path} 所在的分区后重试。",
        "The disk is full; this change was not saved (everything saved before is intact). "
        "Free space on the drive holding {path} and try again.",
    ),
    "database.busy": (
        "数据库正被其他程序占用，等待 {seconds} 秒后仍未释放，本次修改没有保存。请稍后重试。",
        "The database stayed busy for {seconds} seconds (another program is writing); "
        "this change was not saved. Try again shortly.",
    ),
    "database.integrity": ("数据库完整性检查发现问题：{detail}", "The integrity check found: {detail}"),
    "database.foreign_key": (
        "表 {table} 的记录 {record_id} 引用了 {parent} 中不存在的记录。",
        "Record {record_id} of {table} refers to a missing record in {parent}.",
    ),
    # backups
    "backup.not_sqlite": (
        "只能备份 SQLite 数据库文件；{url} 请用数据库服务器自带的备份工具。",
        "Only SQLite database files can be backed up here; back up {url} with the server's own tools.",
    ),
    "backup.same_file": (
        "备份文件不能是数据库文件本身：{path}",
        "The backup cannot be the database itself: {path}",
    ),
    "backup.failed": ("备份失败：{path}（{reason}）", "The backup failed: {path} ({reason})"),
    "backup.verify_failed": (
        "备份文件 {path} 未通过完整性校验，已删除。",
        "The backup {path} failed its integrity check and was removed.",
    ),
    "backup.policy_invalid": (
        "备份计划无效：{field} = {value}",
        "Invalid backup schedule: {field} = {value}",
    ),
    # audit
    "audit.chain_broken": (
        "审计记录 {entry_id} 的校验链断开：审计日志在本程序之外被修改过。",
        "The hash chain breaks at audit entry {entry_id}: the log was changed outside LandSpace.",
    ),
    # accounts
    "auth.failed": (
        "用户名或密码不正确，或账户已被暂时锁定。",
        "Wrong user name or password, or the account is locked for a while.",
    ),
    "accounts.username_required": ("请填写用户名。", "Enter a user name."),
    "accounts.username_taken": ("用户名 {username} 已存在。", "The user name {username} is taken."),
    "accounts.password_too_short": (
        "密码至少需要 {min_length} 个字符。",
        "The password needs at least {min_length} characters.",
    ),
    "accounts.role_unknown": ("未知角色：{role}", "Unknown role: {role}"),
    "accounts.admin_required": (
        "启用的用户中至少要有一名管理员（现有 {active_users} 个启用的用户）：第一个用户须为管理员，"
        "最后一名管理员不能改为其他角色或停用。",
        "Among the active users there must be an administrator ({active_users} active now): the first user "
        "is an administrator, and the last administrator cannot change role or be switched off.",
    ),
    "accounts.not_carrier_manager": (
        "只有载体管理员可以分配载体；{username} 的角色是 {role}。",
        "Only carrier managers are assigned carriers; {username} is {role}.",
    ),
}
