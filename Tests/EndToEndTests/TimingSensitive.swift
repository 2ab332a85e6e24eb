import Testing

/// The suites whose outcome depends on timing (signals landing mid-write,
/// kills during an import, processes contending for the lock) run one
/// test at a time, none beside another of them: swift-testing otherwise
/// runs suites in parallel, and two of these competing for the two cores
/// move the moments they aim at.
@Suite(.serialized) enum TimingSensitive {}
