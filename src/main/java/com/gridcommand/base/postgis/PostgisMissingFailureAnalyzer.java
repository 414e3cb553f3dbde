package com.gridcommand.base.postgis;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing PostGIS install into one readable line instead of a stack trace. */
public class PostgisMissingFailureAnalyzer extends AbstractFailureAnalyzer<PostgisMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PostgisMissingException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "apt-get install " + PostgisInstallation.PACKAGES + " (Debian/Ubuntu), or run with docker/compose.yaml",
                cause);
    }
}
