import multiprocessing

from twdesk.cli import main

# the dossier batch's worker processes ('spawn') start through the frozen app's own executable
multiprocessing.freeze_support()
raise SystemExit(main())
