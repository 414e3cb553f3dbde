/** Patrol routes (巡防路线) with the teams and hours they are to be patrolled. */
package com.gridcommand.patrol;
