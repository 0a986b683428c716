; Inno Setup 6 script: the Windows installer of twdesk (团代表联络站工作台).
; Build the bundle first (docs/windows-build.md), then, from the repository root:
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\twdesk.iss
; Input:  dist\twdesk\  (pyinstaller build_installer.spec)
; Output: dist\installer\twdesk-<version>-setup.exe
;
; - per user, no administrator rights: %LOCALAPPDATA%\Programs\twdesk, HKCU only
; - Start-menu shortcut 团代表联络站工作台, desktop shortcut on request
; - .twdb files open in the app (Explorer passes the path as the first argument)
; - the data folder (%APPDATA%\twdesk: databases, backups, logs) is never installed into and
;   never deleted: uninstalling removes the program only
; - a newer installer upgrades in place (same AppId), the data stays where it is

#define AppName "团代表联络站工作台"
#define AppExeName "twdesk.exe"
#define AppExe AddBackslash(SourcePath) + "..\dist\twdesk\" + AppExeName
#if !FileExists(AppExe)
  #error dist\twdesk\twdesk.exe is missing: run "pyinstaller build_installer.spec --noconfirm" first
#endif
; the version the spec wrote into twdesk.exe (twdesk.__version__); /DAppVersion=x.y.z overrides
#ifndef AppVersion
  #define AppVersion GetStringFileInfo(AppExe, "ProductVersion")
#endif
#define Publisher GetStringFileInfo(AppExe, "CompanyName")
#define ProgId "twdesk.twdb"

[Setup]
; Never change AppId: an installer with the same AppId upgrades the installed copy in place.
AppId={{E9A1F085-CBA6-4EF5-AFAC-6706CF08335F}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#Publisher}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
; all paths below are relative to the repository root
SourceDir=..
OutputDir=dist\installer
OutputBaseFilename=twdesk-{#AppVersion}-setup
SetupIconFile=resources\icons\twdesk.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
; per user, without administrator rights
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\twdesk
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ChangesAssociations=yes
; a running twdesk is asked to close before its files are replaced (upgrade)
CloseApplications=yes
RestartApplications=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes

[Languages]
; Simplified Chinese when the translation is installed beside ISCC (docs/windows-build.md),
; else Inno Setup's English.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "en"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "在桌面上创建快捷方式"; GroupDescription: "快捷方式："; Flags: unchecked

[InstallDelete]
; an upgrade replaces the old bundle's libraries wholesale (no stale modules left behind);
; this is the program folder only — the data folder is elsewhere and untouched
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "dist\twdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Comment: "县级团委团代表联络站工作台"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Registry]
; .twdb → twdesk, per user (HKCU\Software\Classes); removed again on uninstall
Root: HKCU; Subkey: "Software\Classes\.twdb"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\.twdb\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{#AppName} 数据库"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"",0"
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" ""%1"""
; "Open with" lists twdesk for .sqlite files too, without taking them over
Root: HKCU; Subkey: "Software\Classes\.sqlite\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue

[Run]
Filename: "{app}\{#AppExeName}"; Description: "启动{#AppName}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry on purpose: the data folder (%APPDATA%\twdesk) and every database
; the user saved elsewhere stay after uninstalling, and a later install finds them again.
