/** The patrol feature's screen (巡防覆盖: compliance, presence, dosage, camera blind spots) and its route layer. */
package com.gridcommand.patrol.ui;
