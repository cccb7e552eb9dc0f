; Included by electron-builder's NSIS installer (nsis.include in electron-builder.yml).
;
; Registers tandem:// for every user of a per-machine install: electron-builder's NSIS target
; writes no protocol handler, and Electron's setAsDefaultProtocolClient (called at start-up)
; only writes HKCU for whoever runs Tandem. SHELL_CONTEXT is HKLM for per-machine installs.
; The command passes the link as one quoted argument; Tandem accepts only the exact form
; tandem://join/<9 digits> from it (electron/services/deep-link.ts) and ignores the rest.
!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\Classes\tandem" "" "URL:Tandem join link"
  WriteRegStr SHELL_CONTEXT "Software\Classes\tandem" "URL Protocol" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\tandem\DefaultIcon" "" "$appExe,0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\tandem\shell\open\command" "" '"$appExe" "%1"'
!macroend

!macro customUnInstall
  DeleteRegKey SHELL_CONTEXT "Software\Classes\tandem"
!macroend
