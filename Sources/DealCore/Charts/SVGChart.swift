/// A chart drawn as SVG: written out as a standalone `.svg` file, or as an
/// `<svg>` element inlined in HTML (the report), where each chart gets an id
/// prefix of its own so that the ids of two pictures on one page do not clash.
package protocol SVGChart {
    var title: String { get }
    /// The ids' prefix in a standalone file.
    static var idPrefix: String { get }
    /// The picture, its ids prefixed with `idPrefix`.
    func draw(idPrefix: String) -> SVGPicture
}

/// What a chart drew: its canvas and the description (`<desc>`) that says
/// in words what the picture shows.
package struct SVGPicture {
    let canvas: SVGCanvas
    let description: String
}

extension SVGChart {
    /// The `<svg>` element, for inlining in HTML.
    package func svgElement(idPrefix: String = Self.idPrefix) -> String {
        let picture = draw(idPrefix: idPrefix)
        return picture.canvas.svg(title: title, description: picture.description)
    }

    /// A standalone `.svg` file.
    package func svgDocument() -> String {
        let picture = draw(idPrefix: Self.idPrefix)
        return picture.canvas.document(title: title, description: picture.description)
    }
}
