public enum DealVersion {
    public static let string = "0.1.0"
}
