; Inno Setup script for LandSpace (用地与空间管理). Needs Inno Setup 6.3 or later
; (x64compatible, {autopf} per install mode); see packaging/README.md.
;
; Built by packaging/build.ps1 (or: python packaging\landspace_build.py --installer), which passes the
; version of pyproject.toml:   iscc /DAppVersion=0.1.0 packaging\landspace.iss
; The input is the PyInstaller one-folder build dist\LandSpace (LandSpace.exe + landspace-cli.exe).
;
; Install mode: a dialog lets the user choose. "Only for me" (the default, no administrator
; rights needed on office PCs) installs into {localappdata}\Programs\LandSpace; "for all users"
; (administrator) into Program Files — {autopf} is Inno Setup's constant for exactly that.
; The database lives in the user's local data folder (platformdirs) and is never touched by
; install, upgrade or uninstall.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\landspace.iss (packaging\build.ps1 does)
#endif
#define AppName "LandSpace"
#define AppNameZh "用地与空间管理"
#define AppPublisher "LandSpace"
#define AppExe "LandSpace.exe"
#define CliExe "landspace-cli.exe"

[Setup]
AppId={{6C9B3F0E-3E1A-4C0B-9D4E-7A51D2E0C1A7}
AppName={#AppName} {#AppNameZh}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppNameZh} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
VersionInfoProductVersion={#AppVersion}
VersionInfoDescription={#AppName} {#AppNameZh} Setup
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist\installer
OutputBaseFilename=LandSpace-{#AppVersion}-setup
SetupIconFile=landspace.ico
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\{#AppExe}
CloseApplications=yes
; the PATH entry takes effect in new cmd/PowerShell windows without logging off
ChangesEnvironment=yes
; Windows 10 or later (Qt 6 requires it)
MinVersion=10.0

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.AddToPath=将命令行程序 landspace-cli 加入 PATH（可在 cmd 和 PowerShell 中使用）
english.AddToPath=Add the command line (landspace-cli) to PATH, for cmd and PowerShell
chinesesimplified.CommandLine=命令行：
english.CommandLine=Command line:

[Tasks]
Name: "addtopath"; Description: "{cm:AddToPath}"; GroupDescription: "{cm:CommandLine}"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; the whole PyInstaller one-folder output (both executables share _internal\)
Source: "..\dist\LandSpace\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName} {#AppNameZh}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName} {#AppNameZh}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only what the program itself wrote next to the executable; never the database
Type: filesandordirs; Name: "{app}\__pycache__"

[Code]
{ PATH: the user's (HKCU\Environment) for a per-user install, the machine's for an all-users
  install; added once, removed again on uninstall. }
function PathRoot: Integer;
begin
  if IsAdminInstallMode then Result := HKEY_LOCAL_MACHINE else Result := HKEY_CURRENT_USER;
end;

function PathKey: String;
begin
  if IsAdminInstallMode then
    Result := 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment'
  else
    Result := 'Environment';
end;

function PathHas(Paths, Dir: String): Boolean;
begin
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';') > 0;
end;

procedure AddToPath(Dir: String);
var
  Paths: String;
begin
  if not RegQueryStringValue(PathRoot, PathKey, 'Path', Paths) then Paths := '';
  if PathHas(Paths, Dir) then exit;
  if (Paths <> '') and (Copy(Paths, Length(Paths), 1) <> ';') then Paths := Paths + ';';
  RegWriteExpandStringValue(PathRoot, PathKey, 'Path', Paths + Dir);
end;

procedure RemoveFromPath(Dir: String);
var
  Paths: String;
  P: Integer;
begin
  if not RegQueryStringValue(PathRoot, PathKey, 'Path', Paths) then exit;
  Paths := ';' + Paths + ';';
  P := Pos(';' + Uppercase(Dir) + ';', Uppercase(Paths));
  if P = 0 then exit;
  Delete(Paths, P, Length(Dir) + 1);
  Paths := Copy(Paths, 2, Length(Paths) - 2);
  RegWriteExpandStringValue(PathRoot, PathKey, 'Path', Paths);
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if (CurStep = ssPostInstall) and WizardIsTaskSelected('addtopath') then
    AddToPath(ExpandConstant('{app}'));
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    RemoveFromPath(ExpandConstant('{app}'));
end;
