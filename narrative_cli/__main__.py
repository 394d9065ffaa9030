from narrative_cli.entry import main

main()
