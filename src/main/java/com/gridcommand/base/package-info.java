/** The shared frame: application shell, layout, time, i18n and the embedded database. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package com.gridcommand.base;
