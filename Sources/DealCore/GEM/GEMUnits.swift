/// GEM's spellings of capacity units, to ours (docs/UNITS.md).
enum GEMUnits {
    static func unit(_ text: String) -> String? {
        switch text.trimmingWhitespace().lowercased() {
        case "bcm/y", "bcm/yr", "bcm/year": "bcm/y"
        case "mmcf/d", "mmcfd", "mmscfd": "MMcf/d"
        case "mmscmd", "mill.sm3/day", "mmscm/d": "MMscmd"
        case "bcf/d", "bcfd": "bcf/d"
        case "mtpa": "mtpa"
        default: nil
        }
    }
}
