/** The sign-in page, and {@link com.gridcommand.security.ui.Attempts}: a user's action from a screen, with plain feedback on refusal. */
@org.springframework.modulith.NamedInterface("ui")
package com.gridcommand.security.ui;
