/**
 * The corpus's {@code Item} struct (rpc.wsdl, {@code urn:example:rpc}) as the JavaBean that
 * Axis 1's BeanSerializer writes and BeanDeserializer fills: one property per element.
 */
public final class StoreItem {
    private String name;
    private int qty;
    private String note;

    public StoreItem() {}

    StoreItem(String name, int qty, String note) {
        this.name = name;
        this.qty = qty;
        this.note = note;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public int getQty() {
        return qty;
    }

    public void setQty(int qty) {
        this.qty = qty;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }
}
