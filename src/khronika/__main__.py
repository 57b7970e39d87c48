from khronika.cli import main

main()
