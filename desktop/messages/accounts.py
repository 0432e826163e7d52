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
    "backup.same_file": ("备份文件不能是数据库文件本身：{path}", "The backup cannot be the database itself: {path}"),
    "backup.failed": ("备份失败：{path}（{reason}）", "The backup failed: {path} ({reason})"),
    "backup.verify_failed": (
        "备份文件 {path} 未通过完整性校验，已删除。",
        "The backup {path} failed its integrity check and was removed.",
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
        "密码至少需要 {min_length} 个字符。", "The password needs at least {min_length} characters."),
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
