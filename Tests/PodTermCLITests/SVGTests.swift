import Foundation
import Testing

/// `rsvg-convert` (Debian's librsvg2-bin), if installed.
let rsvgConvert = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert"].first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite("podterm run --format svg", .serialized)
struct SVGTests {
    @Test func theJVMSeriesPicturesInDocsAreCurrent() throws {
        let dir = PodtermBinary.root.appendingPathComponent("scenarios/jvm")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count == 6)
        for file in names {
            let name = String(file.dropLast(5))
            let r = try PodtermBinary.run(["run", "jvm/\(name)", "--format", "svg"])
            #expect(r.status == 0)
            let doc = try String(contentsOf: PodtermBinary.root.appendingPathComponent("docs/jvm/\(name).svg"), encoding: .utf8)
            #expect(doc == r.stdout, "docs/jvm/\(name).svg is stale: swift run podterm run jvm/\(name) --format svg > docs/jvm/\(name).svg")
        }
    }

    @Test func aPictureHasALanePerContainerTheSignalsAndTheOutcome() throws {
        let r = try PodtermBinary.run(["run", "workloads/sidecar-native-proxy", "--format", "svg"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("<?xml"))
        #expect(r.stdout.contains(">proxy (sidecar)</text>"))
        #expect(r.stdout.contains(">app</text>"))
        #expect(r.stdout.contains("SIGTERM → server[1] caught 10s"))
        #expect(r.stdout.contains(">pod web: Succeeded, gone at 15.000s, 5s after deletion</text>"))
        #expect(r.stdout.hasSuffix("</svg>\n"))
        let again = try PodtermBinary.run(["run", "workloads/sidecar-native-proxy", "--format", "svg"])
        #expect(again.stdout == r.stdout)
    }

    @Test(.enabled(if: rsvgConvert != nil || ProcessInfo.processInfo.environment["PODTERM_REQUIRE_ALL"] == "1",
                   "needs rsvg-convert (apt-get install librsvg2-bin; set PODTERM_REQUIRE_ALL=1 to fail instead of skipping)"))
    func rsvgConvertRendersItAndThePNGIsNotBlank() throws {
        let rsvg = try #require(rsvgConvert, "rsvg-convert is missing (apt-get install librsvg2-bin)")
        let r = try PodtermBinary.run(["run", "pid1-no-handler", "--format", "svg"])
        #expect(r.status == 0)
        let svg = try PodtermBinary.tempScenario(r.stdout, name: "pid1.svg")
        let png = URL(fileURLWithPath: svg).deletingLastPathComponent().appendingPathComponent("pid1.png").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: rsvg)
        p.arguments = [svg, "-o", png]
        let err = Pipe()
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
        let data = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // Decode the PNG (Python's zlib) and count the pixels that are not white.
        let code = """
            import sys, zlib, struct
            d = open(sys.argv[1], 'rb').read()
            i, idat, w, h, ct = 8, b'', 0, 0, 0
            while i < len(d):
                n, t = struct.unpack('>I4s', d[i:i+8]); c = d[i+8:i+8+n]; i += 12 + n
                if t == b'IHDR': w, h, _, ct = struct.unpack('>IIBB', c[:10])
                if t == b'IDAT': idat += c
            raw = zlib.decompress(idat)
            bpp = {2: 3, 6: 4}[ct]
            stride = w * bpp
            prev = bytearray(stride); dark = 0; pos = 0
            for y in range(h):
                f = raw[pos]; line = bytearray(raw[pos+1:pos+1+stride]); pos += 1 + stride
                for x in range(stride):
                    a = line[x-bpp] if x >= bpp else 0; b = prev[x]; c2 = prev[x-bpp] if x >= bpp else 0
                    if f == 1: line[x] = (line[x] + a) & 255
                    elif f == 2: line[x] = (line[x] + b) & 255
                    elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
                    elif f == 4:
                        p = a + b - c2; pa, pb, pc = abs(p-a), abs(p-b), abs(p-c2)
                        line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c2)) & 255
                for x in range(0, stride, bpp):
                    if line[x] < 128: dark += 1
                prev = line
            print(w, h, dark)
            """
        let py = Process()
        py.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        py.arguments = ["-c", code, png]
        let out = Pipe()
        py.standardOutput = out
        try py.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        py.waitUntilExit()
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        #expect(parts.count == 3, "\(text)")
        if parts.count == 3 {
            #expect(parts[0] == 1000)
            #expect(parts[1] > 150)
            // Text, lanes and marks: thousands of dark pixels; a blank picture has none.
            #expect(parts[2] > 2000, "only \(parts[2]) dark pixels")
        }
    }
}
