package cloud.practice.deployment.kustomize;

/** A kustomization that kustomize would refuse, or that uses something this renderer does not implement. */
public class KustomizeException extends RuntimeException {

    public KustomizeException(String message) {
        super(message);
    }
}
