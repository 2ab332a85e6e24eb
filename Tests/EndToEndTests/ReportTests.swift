import Foundation
import Testing
import TestSupport

@Suite struct ReportTests {
    /// The report as headless Chromium renders it: no console errors or
    /// failed loads, the seed's key facts in the rendered text, no sideways
    /// scrolling of the page at phone width, and screenshots at desktop and
    /// phone widths in test-artifacts/ to look at.
    @Test(.enabled(if: PictureTools.chromium != nil || PictureTools.inCI,
                   "skipping: chromium not installed (apt-get install chromium)"))
    func rendersInChromiumAtDesktopAndPhoneWidths() throws {
        let database = try multilingualDatabase()
        let page = database.directory.file("report.html")
        let result = try database.run(["report", "--title", "Power of Siberia 2 <briefing>", "-o", page])
        #expect(result.status == 0, "\(result.stderr)")

        let artifacts = SharedData.packageRoot + "/test-artifacts/report"
        try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
        let chromium = try #require(PictureTools.chromium, "chromium is not on PATH")
        let rendered = try ProcessRunner.run("/usr/bin/env", [
            ProcessRunner.python3, PictureTools.fixtures + "/render_page.py", chromium, URL(fileURLWithPath: page).absoluteString,
            artifacts, "report", "1280", "390:mobile",
        ])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(rendered.stdout.utf8)) as? [String: Any])
        #expect((report["console"] as? [Any])?.isEmpty == true, "console: \(report["console"] ?? "")")
        #expect((report["exceptions"] as? [Any])?.isEmpty == true, "exceptions: \(report["exceptions"] ?? "")")
        #expect((report["failed"] as? [Any])?.isEmpty == true, "failed loads: \(report["failed"] ?? "")")
        #expect(report["title"] as? String == "Power of Siberia 2 <briefing>")

        let text = report["text"] as? String ?? ""
        for fact in ["Power of Siberia 2", "Mongolia", "50 bcm", "China (CN): 113.5 bcm/y", "Russian Federation (origin) → Mongolia (transit) → China (destination)",
                     "ООО «Восток» \"Тест\" <газ> & Co", "华东测试能源公司", "Unresolved", "SHA-256"] {
            #expect(text.localizedCaseInsensitiveContains(fact), "the rendered page lacks \(fact)")
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: database.path))
        let digest = try ProcessRunner.python("import hashlib, sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())",
                                              stdin: bytes).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text.contains(digest))

        let widths = report["widths"] as? [String: [String: Any]] ?? [:]
        for (width, expected) in [("1280", 1280), ("390", 390)] {
            let metrics = try #require(widths[width], "no rendering at \(width) px")
            #expect(metrics["scrollWidth"] as? Int == expected, "the page scrolls sideways at \(width) px")
            #expect((metrics["smallestFont"] as? Double ?? 0) >= 11)
            let shot = metrics["screenshot"] as? String ?? ""
            let size = (try? FileManager.default.attributesOfItem(atPath: shot)[.size] as? Int) ?? 0
            #expect(size > 10_000, "no screenshot at \(shot)")
        }
    }

    @Test func writesAtomicallyAndEscapes() throws {
        let database = try QueryDatabase(.seed)
        let stdout = try database.run(["report", "--title", "<b>\"x\"</b>"])
        #expect(stdout.status == 0, "\(stdout.stderr)")
        #expect(stdout.stdout.contains("<h1>&lt;b&gt;&quot;x&quot;&lt;/b&gt;</h1>"))
        let missingDirectory = database.directory.file("no/such/report.html")
        let failed = try database.run(["report", "-o", missingDirectory])
        #expect(failed.status == 1 && failed.stderr.contains("no/such/report.html"))
    }
}
