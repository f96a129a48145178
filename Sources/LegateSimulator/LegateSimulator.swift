/// LegateSimulator: see ../shared/STYLE.md section 3.2 for what this module holds.
public enum LegateSimulatorModule {}
