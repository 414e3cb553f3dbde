/** The connection pool's manners: patient when it is busy, quick to give up when the database is away. */
package com.gridcommand.base.db;
