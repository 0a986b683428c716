"""Entry script of the windowed `twdesk` executable (build_installer.spec).

The console one, `twdesk-cli`, starts from `twdesk/__main__.py`. Both run the same `main()`: no
command opens the window, a command runs it; `twdesk FILE.twdb` opens that file.
"""

import multiprocessing

from twdesk.cli import gui_main

# the dossier batch's worker processes ('spawn') start through the frozen app's own executable
multiprocessing.freeze_support()
raise SystemExit(gui_main())
