export { ConfigError, loadConfig } from "./config/load-config.js";
export type { ServerConfig } from "./config/server-config.schema.js";
export { RedisCounters } from "./counters/redis-counters.js";
export { migrateToLatest } from "./db/migrations.js";
export { type Database, type Dialect, openDatabase } from "./db/open-database.js";
export { SqlDirectory } from "./directory/sql-directory.js";
export { type RunningServer, startServer } from "./http/start-server.js";
export { openSqlStore } from "./store/open-sql-store.js";
export { SqlStore } from "./store/sql-store.js";
