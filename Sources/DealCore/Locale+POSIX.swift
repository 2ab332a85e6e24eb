import Foundation

extension Locale {
    /// Folding names the same way on every machine; made once, since
    /// creating a Locale for each of thousands of names showed in profiles.
    static let posix = Locale(identifier: "en_US_POSIX")
}
