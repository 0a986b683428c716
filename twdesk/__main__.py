from twdesk.cli import main

raise SystemExit(main())
