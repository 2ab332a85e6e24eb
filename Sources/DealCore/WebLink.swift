/// Whether a source's address may become a link a reader clicks. It is text
/// anyone can write (`javascript:alert(document.domain)` ran in Datasette
/// when clicked); Datasette's metadata, the report and the credits link
/// only web addresses, and show anything else as text at most.
package enum WebLink {
    package static func isSafe(_ url: String) -> Bool {
        let lower = url.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://"))
            && !url.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7F }
    }
}
