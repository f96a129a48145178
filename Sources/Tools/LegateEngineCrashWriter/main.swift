// Runs the engine service under load on an SQLite journal until killed, printing each answered order after commit.
//
// The engine crash test starts this process, kills it with SIGKILL at a random moment, restarts it on the same
// journal, and checks after every kill that everything this process claimed is in the journal. The process recovers
// first (`Recovery.recover`, the one startup path) and journals the restart (`DurableEngine.markRestart`: every
// order a venue may hold awaits reconciliation, which the venue thread's reports settle), then runs `EngineService`
// with the limit gate: several producer threads place orders (some staged, some good-till-date) and cancel, amend,
// release and approve their own; a venue thread answers the venue commands the service releases with
// acknowledgements, fills, cancels and rejects; a timer thread ticks; now and then the service pauses for a snapshot.
//
// Usage: LegateEngineCrashWriter <journal path> <seed> [order count]
//   Without an order count it runs until killed; with one it stops cleanly once that many orders were answered.
//
// Lines on stdout, each written whole with one write(2) once the fact it states is durable:
//   recovered <last sequence> <state hash>   after recovery, before anything new is submitted
//   restarted <last sequence> <marked>        the restart is journaled: <marked> orders newly await reconciliation
//   snapshot <sequence>                       a snapshot at that sequence is committed
//   venue <order id>                          a venue command for the order was released (after its batch's commit)
//   ack <client order id> <order id>          the service answered a new order (in its completion, after the commit)
//   stopped <last sequence> <state hash>      after a clean stop (order count reached)
// Anything on stderr, or an exit status other than 0, is a failure.
import Foundation

exit(CrashWriter.run(arguments: CommandLine.arguments))
