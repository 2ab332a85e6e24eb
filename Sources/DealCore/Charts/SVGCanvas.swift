import Foundation

/// A small SVG writer for the charts: elements as text, every string
/// escaped, numbers rounded so that the files diff well. Text stays `<text>`
/// so that it can be searched and read by screen readers.
struct SVGCanvas {
    let width: Double
    let height: Double
    /// Prefix for ids (patterns), unique per chart so that two charts inlined
    /// in one HTML page do not take each other's patterns.
    let idPrefix: String
    private(set) var body: [String] = []
    private var definitions: [String] = []

    /// Fonts that between them cover Latin, Cyrillic and CJK on Linux, macOS
    /// and Windows; the browser falls back per character down the list.
    static let fontFamily = "'Noto Sans', 'DejaVu Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', "
        + "'WenQuanYi Micro Hei', 'PingFang SC', 'Microsoft YaHei', 'Segoe UI', Arial, sans-serif"

    init(width: Double, height: Double, idPrefix: String) {
        self.width = width
        self.height = height
        self.idPrefix = idPrefix
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.1f", rounded)
    }

    func id(_ name: String) -> String { idPrefix + "-" + name }

    mutating func define(_ markup: String) { definitions.append(markup) }

    mutating func raw(_ markup: String) { body.append(markup) }

    mutating func open(_ name: String, _ attributes: [(String, String)]) {
        body.append("<\(name)\(Self.attributes(attributes))>")
    }

    mutating func close(_ name: String) { body.append("</\(name)>") }

    mutating func element(_ name: String, _ attributes: [(String, String)], title: String? = nil) {
        if let title {
            body.append("<\(name)\(Self.attributes(attributes))><title>\(Markup.escape(title))</title></\(name)>")
        } else {
            body.append("<\(name)\(Self.attributes(attributes))/>")
        }
    }

    mutating func text(_ content: String, x: Double, y: Double, size: Double = 12,
                       anchor: String = "start", weight: String? = nil, fill: String = "#1a1a1a",
                       className: String? = nil, extra: [(String, String)] = []) {
        var attributes: [(String, String)] = [("x", Self.number(x)), ("y", Self.number(y))]
        if size != 12 { attributes.append(("font-size", Self.number(size))) }
        if anchor != "start" { attributes.append(("text-anchor", anchor)) }
        if let weight { attributes.append(("font-weight", weight)) }
        if fill != "#1a1a1a" { attributes.append(("fill", fill)) }
        if let className { attributes.append(("class", className)) }
        attributes += extra
        body.append("<text\(Self.attributes(attributes))>\(Markup.escape(content))</text>")
    }

    /// The whole `<svg>` element, ready to inline in HTML.
    func svg(title: String, description: String) -> String {
        var lines = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" "
                + "width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" role=\"img\" "
                + "aria-labelledby=\"\(id("title"))\" font-family=\"\(Markup.escape(Self.fontFamily))\" "
                + "font-size=\"12\" fill=\"#1a1a1a\">",
            "<title id=\"\(id("title"))\">\(Markup.escape(title))</title>",
            "<desc>\(Markup.escape(description))</desc>",
        ]
        if !definitions.isEmpty {
            lines.append("<defs>")
            lines += definitions
            lines.append("</defs>")
        }
        lines.append("<rect x=\"0\" y=\"0\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" fill=\"#ffffff\"/>")
        lines += body
        lines.append("</svg>")
        return lines.joined(separator: "\n")
    }

    /// A standalone `.svg` file.
    func document(title: String, description: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg(title: title, description: description) + "\n"
    }

    private static func attributes(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(Markup.escape($0.1))\"" }.joined()
    }
}
