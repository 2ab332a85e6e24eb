import ArgumentParser

extension DealDB {
    /// Commands that draw charts, graphs and reports.
    static var pictureCommands: [any ParsableCommand.Type] { [Chart.self, Graph.self, Report.self] }
}
