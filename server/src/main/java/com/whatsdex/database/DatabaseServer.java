package com.whatsdex.database;

/**
 * How to reach PostgreSQL: the JDBC url plus the owner (migrations) and application (pool) credentials.
 */
record DatabaseServer(String jdbcUrl, Credentials owner, Credentials app) {

    record Credentials(String user, String password) {}
}
