/** HTTP for machines: tracker apps posting positions (OsmAnd/Traccar protocol, JSON batches) and responders' devices reporting steps. */
package com.gridcommand.dispatch.api;
