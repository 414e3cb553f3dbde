/**
 * The app as one of several nodes on one database: which node this is, and scheduled jobs that run on one node at a
 * time ({@link com.gridcommand.cluster.ClusterJobs}, DD007).
 */
package com.gridcommand.cluster;
