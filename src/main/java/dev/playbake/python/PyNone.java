package dev.playbake.python;

import com.hubspot.jinjava.objects.serialization.PyishSerializable;

import java.io.IOException;

/** Python's None: defined, but without a value (a YAML key with nothing after it); jinjava prints it as None. */
public enum PyNone implements PyishSerializable {
    NONE;

    @Override
    public String toString() {
        return "None";
    }

    @Override
    public <T extends Appendable & CharSequence> T appendPyishString(T appendable) throws IOException {
        appendable.append("None");
        return appendable;
    }
}
