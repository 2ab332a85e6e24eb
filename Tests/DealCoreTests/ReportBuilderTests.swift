import Foundation
import SQLiteKit
import Testing
import TestSupport
@testable import DealCore

@Suite struct ReportBuilderTests {
    @Test func pageHoldsEverySectionQueryAndFootnote() throws {
        let fixture = try PictureFixture()
        let html = try ReportBuilder(store: fixture.store, title: "PoS-2 <script>alert(1)</script> & \"co\"").html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>PoS-2 &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;</title>"))
        #expect(!html.contains("<script"))
        // Self-contained: nothing that a browser would fetch.
        #expect(!html.contains("src=") && !html.contains("<link") && !html.contains("@import") && !html.contains("url(http"))
        for query in try QueryCatalog.builtIn().queries {
            #expect(html.contains("id=\"query-\(query.name)\""), "no section for \(query.name)")
        }
        // Without the CLI's hints the domain words it plainly (the CLI says -p).
        #expect(html.contains("<code>parameter party=gazprom</code>"))
        #expect(html.contains("<svg") && html.contains("report-timeline-hatch") && html.contains("report-flows-proposed"))
        #expect(html.contains("Russian Federation (origin) → Mongolia (transit) → China (destination)"))
        // Every footnote mark points at a footnote that exists.
        let marks = Set(html.matches(of: /href="#fn-([0-9]+)"/).map { Int($0.output.1)! })
        let notes = Set(html.matches(of: /<li id="fn-([0-9]+)">/).map { Int($0.output.1)! })
        #expect(!marks.isEmpty && marks == notes)
        #expect(html.contains("@media print") && html.contains("size: A4"))
    }

    @Test func footGivesTheDatabaseChecksum() throws {
        let fixture = try PictureFixture()
        let html = try ReportBuilder(store: fixture.store, generated: Date(timeIntervalSince1970: 1_756_771_200)).html()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: fixture.store.path))
        #expect(html.contains("<code class=\"checksum\">\(SHA256.hex(bytes))</code>"))
        #expect(html.contains("Generated 2025-09-02 00:00:00 UTC"))
    }

    @Test func quantitiesReadAsAnalystsWriteThem() {
        #expect(ReportBuilder.quantity(50, unit: "bcm/y") == "50 bcm/y")
        #expect(ReportBuilder.quantity(25_000_000_000, unit: "USD") == "25 billion USD")
        #expect(ReportBuilder.quantity(11_900_000_000, unit: "RUB") == "11.9 billion RUB")
        #expect(ReportBuilder.quantity(nil, unit: nil) == "")
    }
}
