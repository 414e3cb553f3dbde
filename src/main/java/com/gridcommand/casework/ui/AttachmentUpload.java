package com.gridcommand.casework.ui;

import com.gridcommand.casework.Attachments;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.server.streams.UploadHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Photos and PDFs for a case step, held in memory until the step is saved (the server checks them
 * again then, by their bytes). The browser is told the same limits, so most mistakes are caught
 * before a byte is sent; a file the user removes from the list is dropped.
 */
class AttachmentUpload extends Upload {

    private final List<Attachments.Upload> files = new ArrayList<>();

    AttachmentUpload(Attachments limits, Consumer<String> rejected) {
        setUploadHandler(UploadHandler.inMemory((metadata, data) -> {
            synchronized (files) {
                files.add(new Attachments.Upload(metadata.fileName(), metadata.contentType(), data));
            }
        }));
        setMaxFileSize((int) limits.maxBytes());
        setMaxFiles(limits.maxPerStep());
        setAcceptedFileTypes("image/jpeg", "image/png", "image/webp", "application/pdf", ".jpg", ".jpeg", ".png", ".webp", ".pdf");
        addFileRejectedListener(e -> rejected.accept(e.getFileName() + "：" + e.getErrorMessage()));
        addFileRemovedListener(e -> {
            synchronized (files) {
                files.removeIf(f -> f.fileName().equals(e.getFileName()));
            }
        });
        UploadI18N i18n = new UploadI18N();
        i18n.setAddFiles(new UploadI18N.AddFiles().setOne(getTranslation("upload.add")).setMany(getTranslation("upload.add")));
        i18n.setDropFiles(new UploadI18N.DropFiles().setOne(getTranslation("upload.drop")).setMany(getTranslation("upload.drop")));
        i18n.setError(new UploadI18N.Error().setFileIsTooBig(getTranslation("upload.tooBig", limits.maxBytes() / 1024 / 1024))
                .setTooManyFiles(getTranslation("upload.tooMany", limits.maxPerStep()))
                .setIncorrectFileType(getTranslation("upload.wrongType")));
        setI18n(i18n);
        addClassName("gc-upload");
    }

    /** The files received so far. */
    List<Attachments.Upload> files() {
        synchronized (files) {
            return List.copyOf(files);
        }
    }
}
