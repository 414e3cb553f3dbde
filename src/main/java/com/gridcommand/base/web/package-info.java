/** Error answers outside Vaadin's views: the 503 while the database is away, and {@code /error} without the Whitelabel page. */
package com.gridcommand.base.web;
