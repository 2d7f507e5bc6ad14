from mentor_tui.cli import main

raise SystemExit(main())
