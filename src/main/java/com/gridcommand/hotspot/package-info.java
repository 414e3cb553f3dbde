/** Hotspots (治安重点地区/乱点) listed for rectification (挂牌整治) and delisted when fixed. */
package com.gridcommand.hotspot;
