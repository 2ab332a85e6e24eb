package enum DealVersion {
    package static let string = "0.1.0"
}
