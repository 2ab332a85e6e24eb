/// The report's only stylesheet, inlined so that the file needs no network:
/// readable on a phone (tables and charts scroll sideways inside their box,
/// the page itself never does) and printed on A4.
enum ReportStyle {
    static let css = """
        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body { font-family: \(SVGCanvas.fontFamily); font-size: 16px; line-height: 1.5; color: #1a1a1a;
               background: #ffffff; margin: 0 auto; max-width: 1260px; padding: 1.5rem 1rem 3rem; }
        h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .3rem; }
        h2 { font-size: 1.4rem; margin: 2.4rem 0 .8rem; padding-bottom: .2rem; border-bottom: 2px solid #c8cfdc; }
        h3 { font-size: 1.1rem; margin: 1.6rem 0 .4rem; }
        p, li { max-width: 75ch; }
        .lead { color: #333; margin-top: 0; }
        .note { color: #444; font-size: .92rem; }
        a { color: #0b4ea2; }
        nav ul { padding-left: 1.2rem; columns: 2 14rem; }
        .scroll { overflow-x: auto; max-width: 100%; margin: .5rem 0 1rem; }
        table { border-collapse: collapse; font-size: .9rem; }
        th, td { border: 1px solid #c8cfdc; padding: .3rem .55rem; text-align: left; vertical-align: top; }
        th { background: #eef1f7; font-weight: 600; }
        th, td { min-width: 5.5em; }
        td.prose { min-width: 16em; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        caption { text-align: left; font-weight: 600; padding: .2rem 0; }
        figure { margin: 1rem 0 1.5rem; }
        figcaption { font-size: .92rem; color: #333; margin-top: .3rem; }
        .chart svg { display: block; width: 100%; height: auto; min-width: 1000px; }
        .chart.narrow svg { max-width: 900px; min-width: 640px; }
        .record { border-left: 4px solid #c8cfdc; padding-left: .9rem; margin: 1.4rem 0; }
        .meta { margin: .2rem 0; }
        sup { line-height: 0; }
        sup a { text-decoration: none; font-size: .78em; }
        .footnotes li { margin-bottom: .35rem; }
        .planned { font-style: italic; }
        footer { margin-top: 3rem; padding-top: .8rem; border-top: 1px solid #c8cfdc; font-size: .88rem; color: #333; }
        footer code { word-break: break-all; }
        @media (max-width: 640px) {
          body { font-size: 15px; padding: 1rem .75rem 2rem; }
          h1 { font-size: 1.45rem; }
          h2 { font-size: 1.2rem; }
          nav ul { columns: 1; }
        }
        @media print {
          @page { size: A4; margin: 16mm 14mm; }
          body { max-width: none; padding: 0; font-size: 10pt; }
          h2 { break-after: avoid; page-break-after: avoid; }
          figure, tr, .record { break-inside: avoid; page-break-inside: avoid; }
          .scroll { overflow: visible; }
          .chart svg, .chart.narrow svg { min-width: 0; max-width: 100%; }
          table { font-size: 8pt; width: 100%; }
          th, td { overflow-wrap: anywhere; }
          nav { display: none; }
          a { color: inherit; }
          .footnotes a[href^="http"]::after { content: " <" attr(href) ">"; overflow-wrap: anywhere; }
        }
        """
}
