internal import Foundation

/// Lets a benchmark of a multi-threaded component use every CPU although `legate bench` pins itself to one.
///
/// Threads inherit their creator's CPU mask, so threads started inside `withAllCPUs` may run anywhere. Linux only
/// (`sched_{get,set}affinity` with pid 0 act on the calling thread, looked up at run time because glibc declares
/// them only under `_GNU_SOURCE`); elsewhere, or if the calls fail, the work simply runs with the mask it has.
enum CPUAffinity {
    typealias AffinityFunction = @convention(c) (Int32, Int, UnsafeMutableRawPointer?) -> Int32

    static func withAllCPUs<Result>(_ work: () throws -> Result) rethrows -> Result {
        #if os(Linux)
        guard let getSymbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sched_getaffinity"),
            let setSymbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sched_setaffinity")
        else { return try work() }
        let getAffinity = unsafeBitCast(getSymbol, to: AffinityFunction.self)
        let setAffinity = unsafeBitCast(setSymbol, to: AffinityFunction.self)
        var previous = cpu_set_t()
        guard getAffinity(0, MemoryLayout<cpu_set_t>.size, &previous) == 0 else { return try work() }
        let online = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        var every = cpu_set_t()
        withUnsafeMutableBytes(of: &every) { bytes in
            for cpu in 0..<min(online, bytes.count * 8) { bytes[cpu / 8] |= 1 << (cpu % 8) }
        }
        _ = setAffinity(0, MemoryLayout<cpu_set_t>.size, &every)
        defer { _ = setAffinity(0, MemoryLayout<cpu_set_t>.size, &previous) }
        return try work()
        #else
        return try work()
        #endif
    }
}
