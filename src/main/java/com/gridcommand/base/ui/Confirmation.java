package com.gridcommand.base.ui;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/**
 * Asks before an action that cannot be taken back (ending an emergency, withdrawing an assignment, revoking
 * a device): says what will happen, and does it only on the explicit button; cancel, Esc or a click outside
 * do nothing. ConfirmDialog is part of vaadin-core (Apache 2.0).
 */
public final class Confirmation {

    private Confirmation() {
    }

    /**
     * Opens the question; {@code action} runs only when confirmed.
     *
     * @param id  the dialog's id, for tests
     */
    public static ConfirmDialog ask(String id, String header, String text, String confirmText, String cancelText, Runnable action) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId(id);
        dialog.setHeader(header);
        dialog.setText(text);
        dialog.setConfirmText(confirmText);
        dialog.setConfirmButtonTheme("error primary");
        dialog.setCancelable(true);
        dialog.setCancelText(cancelText);
        dialog.setCloseOnEsc(true);
        dialog.addConfirmListener(e -> action.run());
        dialog.open();
        return dialog;
    }
}
