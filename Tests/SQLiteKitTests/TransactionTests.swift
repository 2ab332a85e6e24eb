import Testing
@testable import SQLiteKit
import TestSupport

@Suite struct TransactionTests {
    struct Boom: Error {}

    private func makeDatabase() throws -> Database {
        let database = try Database(path: ":memory:", mode: .create)
        try database.execute(sql: "CREATE TABLE t (x INTEGER)")
        return database
    }

    private func count(_ database: Database) throws -> Int64 {
        try database.scalar(sql: "SELECT count(*) FROM t").int64 ?? -1
    }

    @Test func commitsWhenTheBodyReturns() throws {
        let database = try makeDatabase()
        let result = try database.inTransaction { () -> Int in
            try database.execute(sql: "INSERT INTO t VALUES (1)")
            return 42
        }
        #expect(result == 42)
        #expect(try count(database) == 1)
        #expect(!database.isInTransaction)
    }

    @Test func rollsBackWhenTheBodyThrows() throws {
        let database = try makeDatabase()
        #expect(throws: Boom.self) {
            try database.inTransaction {
                try database.execute(sql: "INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try count(database) == 0)
        #expect(!database.isInTransaction)
    }

    @Test func nestedSavepointUndoesOnlyItsOwnWork() throws {
        let database = try makeDatabase()
        try database.inTransaction {
            try database.execute(sql: "INSERT INTO t VALUES (1)")
            try database.inSavepoint {
                try database.execute(sql: "INSERT INTO t VALUES (2)")
                #expect(throws: Boom.self) {
                    try database.inSavepoint {
                        try database.execute(sql: "INSERT INTO t VALUES (3)")
                        throw Boom()
                    }
                }
            }
        }
        #expect(try database.fetchAll(sql: "SELECT x FROM t ORDER BY x").map { $0.int64(0) } == [1, 2])
    }

    @Test func savepointOutsideATransactionActsAsOne() throws {
        let database = try makeDatabase()
        #expect(throws: Boom.self) {
            try database.inSavepoint {
                try database.execute(sql: "INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try count(database) == 0)
        #expect(!database.isInTransaction)
    }
}
