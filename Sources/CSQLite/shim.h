#ifndef DEALDB_CSQLITE_SHIM_H
#define DEALDB_CSQLITE_SHIM_H

#include <sqlite3.h>

// Swift cannot call C variadic functions; these fix the argument lists we use.
static inline int dealdb_db_config_int(sqlite3 *db, int op, int value, int *result) {
    return sqlite3_db_config(db, op, value, result);
}

#endif
