/** Views of casework: the case list and the registration correction dialog (also offered by the map). */
@org.springframework.modulith.NamedInterface("ui")
package com.gridcommand.casework.ui;
