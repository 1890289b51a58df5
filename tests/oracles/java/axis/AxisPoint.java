/**
 * The {@code Point} bean of the corpus's axis_arrays.wsdl (a nillable string, an int), as Axis's
 * bean serializer reads and writes it through its getters and setters.
 */
public final class AxisPoint {
    private String label;
    private int x;

    public AxisPoint() {}

    public AxisPoint(String label, int x) {
        this.label = label;
        this.x = x;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public int getX() {
        return x;
    }

    public void setX(int x) {
        this.x = x;
    }
}
