package com.rnnservice.api;

import java.util.ArrayList;
import java.util.List;

/** The API's endpoints for tests outside this package: every family's, derived from the declarations, then randn. */
public final class Endpoints {

    private Endpoints() {
    }

    /** Every POST endpoint under /api/v1 that has an example, as "rnn/cell/forward". */
    public static List<String> all() {
        List<String> all = new ArrayList<>(Examples.ENDPOINTS);
        all.add("random/randn");
        return List.copyOf(all);
    }
}
