import LegateCLI

await LegateMain.run()
