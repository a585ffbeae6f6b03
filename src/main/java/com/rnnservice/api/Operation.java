package com.rnnservice.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import com.rnnservice.math.CellType;
import com.rnnservice.math.CellType.Named;
import com.rnnservice.service.Answer;
import com.rnnservice.service.CellInputs;
import com.rnnservice.service.LossInputs;
import com.rnnservice.service.NetworkInputs;
import com.rnnservice.service.NetworkService;
import com.rnnservice.service.RecurrentService;
import com.rnnservice.service.SequenceInputs;
import com.rnnservice.service.TrainSettings;
import com.rnnservice.service.TrainingService;

/**
 * Every endpoint a cell family has, in the order a learner reads them: each with its path under
 * {@code /api/v1/{family}/}, its operationId's suffix, its documentation, its request and answer ({@link Messages}),
 * and the service call that answers it. {@link CellEndpoints} serves each for every family of
 * {@link com.rnnservice.math.CellTypes}; the OpenAPI document describes each from the same declarations.
 */
enum Operation {

    CELL_FORWARD("cell/forward", "CellForward", Messages::cellForwardRequest, Messages::cellForwardResponse,
            (services, type, body) -> services.recurrent().cellForward(type, cell(body))) {

        @Override
        String summary(CellType type) {
            return "One " + type.title() + " step forward";
        }

        @Override
        String description(CellType type) {
            List<String> returns = new ArrayList<>(List.of("a_next = " + type.states().get(0).formula()));
            if (type.hasMemory()) {
                returns.add("c_next = " + type.states().get(1).formula());
            }
            returns.add("yt_pred = softmax(" + type.outputWeights() + "·a_next + by), softmax over each column");
            return type.summary() + " Returns " + String.join("; ", returns)
                    + (type.gates().isEmpty() ? "." : "; and the gates " + gates(type) + " of the step.");
        }
    },

    CELL_BACKWARD("cell/backward", "CellBackward", Messages::cellBackwardRequest, Messages::cellBackwardResponse,
            (services, type, body) -> services.recurrent().cellBackward(type, cell(body))) {

        @Override
        String summary(CellType type) {
            return "One " + type.title() + " step backward";
        }

        @Override
        String description(CellType type) {
            return "Gradients with respect to xt, a_prev" + (type.hasMemory() ? ", c_prev" : "") + " and every parameter, "
                    + "given ∂L/∂a_next" + (type.hasMemory() ? " and ∂L/∂c_next" : "") + ". " + type.backward()
                    + " The output layer takes no part.";
        }
    },

    SEQUENCE_FORWARD("sequence/forward", "SequenceForward", Messages::sequenceForwardRequest, Messages::sequenceForwardResponse,
            (services, type, body) -> services.recurrent().sequenceForward(type, sequence(body))) {

        @Override
        String summary(CellType type) {
            return Messages.capitalized(type) + " over a whole sequence";
        }

        @Override
        String description(CellType type) {
            return "Runs the cell over t = 0 … T_x − 1 from a0" + (type.hasMemory() ? " and c0 (zeros when c0 is absent)" : "")
                    + "; a[:, :, t] and y_pred[:, :, t] are step t's a_next and yt_pred" + (type.hasMemory()
                            ? ", c[:, :, t] its c_next" : "") + ". " + (type.gates().isEmpty()
                                    ? "The " + type.title() + " has no gates: \"return_gates\" is accepted, as on the "
                                            + "other cells, and the answer never carries any."
                                    : "With \"return_gates\": true the answer also holds " + gates(type)
                                            + " at every step, each (n_a, m, T_x).");
        }
    },

    SEQUENCE_BACKWARD("sequence/backward", "SequenceBackward", Messages::sequenceBackwardRequest, Messages::sequenceBackwardResponse,
            (services, type, body) -> services.recurrent().sequenceBackward(type, sequence(body))) {

        @Override
        String summary(CellType type) {
            return "Backpropagation through time for " + type.noun();
        }

        @Override
        String description(CellType type) {
            return "Gradients of L = Σ_t sum(a⟨t⟩ ⊙ da[:, :, t]): at step t the hidden-state gradient is da[:, :, t] plus "
                    + "what flows back from step t + 1" + (type.hasMemory() ? "; the cell-state gradient flows back alone, "
                            + "from zero after the last step" : "") + ". Returns dx, da0" + (type.hasMemory() ? ", dc0" : "")
                    + " and the parameter gradients, summed over all steps.";
        }
    },

    NETWORK_FORWARD("network/forward", "NetworkForward", Messages::networkForwardRequest, Messages::networkForwardResponse,
            (services, type, body) -> services.networks().forward(type, network(body),
                    Boolean.TRUE.equals(body.value("return_layers", Boolean.class)))) {

        @Override
        String summary(CellType type) {
            return "A deep or bidirectional " + type.title() + " network forward";
        }

        @Override
        String description(CellType type) {
            return "Runs every layer over the whole sequence and returns the top layer's output a; with \"output\" also "
                    + "y_pred = softmax(Wy·a⟨t⟩ + by) at every step; with \"return_layers\": true every layer's output."
                    + LAYERS;
        }
    },

    NETWORK_BACKWARD("network/backward", "NetworkBackward", Messages::networkBackwardRequest, Messages::networkBackwardResponse,
            (services, type, body) -> services.networks().backward(type, network(body))) {

        @Override
        String summary(CellType type) {
            return "Backpropagation through a deep or bidirectional " + type.title() + " network";
        }

        @Override
        String description(CellType type) {
            return "Gradients of L = Σ_t sum(a_top⟨t⟩ ⊙ da[:, :, t]) through every layer and direction: dx, and for each "
                    + "layer its directions' parameter gradients and initial-state gradients (da0, "
                    + (type.hasMemory() ? "dc0, da0_backward, dc0_backward" : "da0_backward") + "), which are always "
                    + "returned." + LAYERS;
        }
    },

    SEQUENCE_LOSS("sequence/loss", "SequenceLoss", Messages::sequenceLossRequest, Messages::sequenceLossResponse,
            (services, type, body) -> services.training().loss(type, loss(body))) {

        @Override
        String summary(CellType type) {
            return "Softmax cross-entropy of " + type.noun() + " and every gradient";
        }

        @Override
        String description(CellType type) {
            String wy = type.outputWeights();
            return "L = (1/m) Σ_t Σ_j mask[j, t] · −log softmax(" + wy + "·a⟨t⟩ + by)[labels[j, t]], with labels as class "
                    + "indices (m, T_x) or one-hot targets (n_y, m, T_x). Returns L and its gradient with respect to x, a0"
                    + (type.hasMemory() ? ", c0" : "") + " and every parameter, d" + wy + " and dby included.";
        }
    },

    NETWORK_LOSS("network/loss", "NetworkLoss", Messages::networkLossRequest, Messages::networkLossResponse,
            (services, type, body) -> services.networks().loss(type, network(body))) {

        @Override
        String summary(CellType type) {
            return "Softmax cross-entropy of " + type.noun() + " network and every gradient";
        }

        @Override
        String description(CellType type) {
            return "L = (1/m) Σ_t Σ_j mask[j, t] · −log softmax(Wy·a_top⟨t⟩ + by)[labels[j, t]], with labels as class "
                    + "indices (m, T_x) or one-hot targets (n_y, m, T_x). Returns L and its gradients: dx, every layer's, "
                    + "and the output layer's dWy and dby." + LAYERS;
        }
    },

    TRAIN("train", "Train", Messages::trainRequest, Messages::trainResponse,
            (services, type, body) -> services.training().train(type, loss(body), settings(body))) {

        @Override
        String summary(CellType type) {
            return "Train " + type.noun() + " on one batch";
        }

        @Override
        String description(CellType type) {
            return "Runs 'steps' optimizer steps (sgd or adam) on the loss of /sequence/loss, optionally clipping the "
                    + "gradients by value, then by global norm. Returns the parameters, the loss before each step and the "
                    + "optimizer's state; send that state back to continue exactly where this call stopped.";
        }
    },

    NETWORK_TRAIN("network/train", "NetworkTrain", Messages::networkTrainRequest, Messages::networkTrainResponse,
            (services, type, body) -> services.networks().train(type, network(body), settings(body))) {

        @Override
        String summary(CellType type) {
            return "Train " + type.noun() + " network on one batch";
        }

        @Override
        String description(CellType type) {
            return "Runs 'steps' optimizer steps (sgd or adam) on the network loss, optionally clipping the gradients by "
                    + "value, then by global norm over every parameter. Returns the layers (with the initial states as "
                    + "sent, so they can be sent back as they are), the output layer, the loss before each step and the "
                    + "optimizer's state, whose moments are keyed by parameter path (layers[0].forward." + firstWeight(type)
                    + ", output.Wy)." + LAYERS;
        }
    },

    GRADIENT_CHECK("gradient-check", "GradientCheck", Messages::gradientCheckRequest, Messages::gradientCheckResponse,
            (services, type, body) -> services.training().gradientCheck(type, sequence(body),
                    body.value("epsilon", Double.class), body.value("threshold", Double.class),
                    body.value("max_entries", Integer.class))) {

        @Override
        String summary(CellType type) {
            return "Check the " + type.title() + "'s backward pass against central differences";
        }

        @Override
        String description(CellType type) {
            return "For x, a0" + (type.hasMemory() ? ", c0" : "") + " and every parameter: ‖g − g_num‖ / (‖g‖ + ‖g_num‖) "
                    + "between the analytic gradient of L = Σ_t sum(a⟨t⟩ ⊙ da[:, :, t]) and central differences with step "
                    + "epsilon. Costs two forward passes per entry; max_entries bounds it.";
        }
    };

    /** What every network endpoint says of its layers. */
    private static final String LAYERS = " Layers are listed bottom first: layer 0 reads x, layer l reads layer l − 1's "
            + "output. A layer with \"backward\" is bidirectional: its reverse direction runs from t = T_x − 1 down to 0, "
            + "starting from a0_backward, and the layer's output at step t is [a_fwd⟨t⟩; a_bwd⟨t⟩], 2·n_a rows. Every "
            + "direction of a layer shares its n_a; layers may differ. Missing initial states are zeros. A shape error "
            + "names its path, such as layers[1].backward.Wf.";

    /** The services the endpoints call. */
    record Services(RecurrentService recurrent, TrainingService training, NetworkService networks) {
    }

    /** How an endpoint answers: the service call for a request read against its message. */
    @FunctionalInterface
    interface Handler {
        Answer answer(Services services, CellType type, Body body);
    }

    private final String path;

    private final String id;

    private final Function<CellType, Message> request;

    private final Function<CellType, Message> response;

    private final Handler handler;

    Operation(String path, String id, Function<CellType, Message> request, Function<CellType, Message> response,
            Handler handler) {
        this.path = path;
        this.id = id;
        this.request = request;
        this.response = response;
        this.handler = handler;
    }

    /** The endpoint's path for a family: {@code /api/v1/lstm/cell/forward}. */
    String path(CellType type) {
        return "/api/v1/" + type.name() + "/" + this.path;
    }

    /** The endpoint's operationId for a family: {@code lstmCellForward}. */
    String operationId(CellType type) {
        String prefix = Messages.prefix(type);
        return Character.toLowerCase(prefix.charAt(0)) + prefix.substring(1) + this.id;
    }

    /** A line that names what the endpoint does, for a family. */
    abstract String summary(CellType type);

    /** What the endpoint computes and returns, for a family. */
    abstract String description(CellType type);

    /** What its request holds, for a family. */
    Message request(CellType type) {
        return this.request.apply(type);
    }

    /** What its answer holds, for a family. */
    Message response(CellType type) {
        return this.response.apply(type);
    }

    /** The answer to a request read against {@link #request}. */
    Answer answer(Services services, CellType type, Body body) {
        return this.handler.answer(services, type, body);
    }

    private static String gates(CellType type) {
        return String.join(", ", type.gates().stream().map(Named::name).toList());
    }

    private static String firstWeight(CellType type) {
        return type.parameters().get(0).name();
    }

    // ---------------------------------------------------------------- the service's inputs, by the messages' names

    private static CellInputs cell(Body body) {
        return new CellInputs(body.tensor("xt"), body.tensor("a_prev"), body.tensor("c_prev"), body.tensors("parameters"),
                body.tensor("da_next"), body.tensor("dc_next"));
    }

    private static SequenceInputs sequence(Body body) {
        return new SequenceInputs(body.tensor("x"), body.tensor("a0"), body.tensor("c0"), body.tensors("parameters"),
                body.tensor("da"), Boolean.TRUE.equals(body.value("return_gates", Boolean.class)));
    }

    private static LossInputs loss(Body body) {
        return new LossInputs(body.tensor("x"), body.tensor("a0"), body.tensor("c0"), body.tensors("parameters"),
                body.tensor("labels"), body.tensor("mask"));
    }

    private static NetworkInputs network(Body body) {
        List<@Nullable Body> sent = body.list("layers");
        List<NetworkInputs.@Nullable Layer> layers = null;
        if (sent != null) {
            layers = new ArrayList<>(sent.size());
            for (Body layer : sent) {
                layers.add(layer == null ? null : new NetworkInputs.Layer(layer.tensors("forward"), layer.tensors("backward"),
                        layer.tensor("a0"), layer.tensor("c0"), layer.tensor("a0_backward"), layer.tensor("c0_backward")));
            }
        }
        return new NetworkInputs(body.tensor("x"), layers, body.tensors("output"), body.tensor("da"), body.tensor("labels"),
                body.tensor("mask"));
    }

    private static TrainSettings settings(Body body) {
        Body optimizer = body.object("optimizer");
        Body state = body.object("state");
        return new TrainSettings(body.value("steps", Integer.class),
                optimizer == null ? null : optimizer.value("name", String.class),
                optimizer == null ? null : optimizer.value("learning_rate", Double.class),
                optimizer == null ? null : optimizer.value("beta1", Double.class),
                optimizer == null ? null : optimizer.value("beta2", Double.class),
                optimizer == null ? null : optimizer.value("epsilon", Double.class), body.value("clip_value", Double.class),
                body.value("clip_norm", Double.class), state == null ? null : state.value("step", Integer.class),
                state == null ? null : state.tensors("m"), state == null ? null : state.tensors("v"), state != null);
    }
}
