/** Administration and oversight screens: users, devices, and the audit trail. */
package com.gridcommand.admin;
