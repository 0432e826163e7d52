; Inno Setup script for LandSpace (用地与空间管理).
; Build the one-folder app first:  pyinstaller --noconfirm packaging\landspace.spec
; then compile this script:         iscc packaging\landspace.iss
; Installs per user (no administrator rights needed on office PCs) into
; %LOCALAPPDATA%\Programs\LandSpace. The database lives in the user's local data folder
; (platformdirs) and is never touched by install, upgrade or uninstall.

#define AppName "LandSpace"
#define AppNameZh "用地与空间管理"
#define AppVersion "0.1.0"
#define AppPublisher "LandSpace"
#define AppExe "LandSpace.exe"

[Setup]
AppId={{6C9B3F0E-3E1A-4C0B-9D4E-7A51D2E0C1A7}
AppName={#AppName} {#AppNameZh}
AppVersion={#AppVersion}
AppPublisher={#AppPublisher}
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist\installer
OutputBaseFilename=LandSpace-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\{#AppExe}
CloseApplications=yes
; Windows 10 or later (Qt 6 requires it)
MinVersion=10.0

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; the whole PyInstaller one-folder output
Source: "..\dist\LandSpace\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName} {#AppNameZh}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName} {#AppNameZh}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only what the program itself wrote next to the executable; never the database
Type: filesandordirs; Name: "{app}\__pycache__"
