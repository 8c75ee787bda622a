package dev.ess.compiler.partner;

import com.sun.xml.xsom.XSComplexType;
import com.sun.xml.xsom.XSElementDecl;
import com.sun.xml.xsom.XSModelGroup;
import com.sun.xml.xsom.XSParticle;
import com.sun.xml.xsom.XSTerm;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.xml.namespace.QName;

/**
 * The elements a complex type's content holds, each with how often it may occur once every
 * enclosing sequence and choice is counted, and the choice it is an alternative of. JAXB flattens
 * this structure into properties; a mapping needs it back to know what is required, what repeats
 * and which targets exclude each other.
 */
final class ContentModel {

    /** One element of the content: its declaration, its occurrence and its choice, if any. */
    record Use(XSElementDecl declaration, Occurs occurs, TargetNode.Choice choice) {}

    private final Map<QName, Use> uses = new HashMap<>();
    private final IdentityHashMap<XSModelGroup, Integer> choiceIds;

    private ContentModel(IdentityHashMap<XSModelGroup, Integer> choiceIds) {
        this.choiceIds = choiceIds;
    }

    /** @param choiceIds numbers the choices of a whole schema set, shared by every type's model */
    static ContentModel of(XSComplexType type, IdentityHashMap<XSModelGroup, Integer> choiceIds) {
        ContentModel model = new ContentModel(choiceIds);
        XSParticle particle = type == null ? null : type.getContentType().asParticle();
        if (particle != null) {
            model.walk(particle, Occurs.ONCE, null);
        }
        return model;
    }

    Use use(QName element) {
        return uses.get(element);
    }

    private void walk(XSParticle particle, Occurs outer, TargetNode.Choice choice) {
        Occurs here = new Occurs(count(particle.getMinOccurs()), count(particle.getMaxOccurs())).times(outer);
        XSTerm term = particle.getTerm();
        if (term.isElementDecl()) {
            add(term.asElementDecl(), here, choice);
            return;
        }
        XSModelGroup group = term.isModelGroupDecl() ? term.asModelGroupDecl().getModelGroup()
                : term.isModelGroup() ? term.asModelGroup() : null;
        if (group == null) {
            return; // a wildcard: no element a mapping can name
        }
        if (group.getCompositor() == XSModelGroup.Compositor.CHOICE && group.getSize() > 1) {
            int id = choiceIds.computeIfAbsent(group, g -> choiceIds.size() + 1);
            Occurs optional = new Occurs(0, here.max());
            XSParticle[] branches = group.getChildren();
            for (int branch = 0; branch < branches.length; branch++) {
                walk(branches[branch], optional, new TargetNode.Choice(id, branch, here.isRepeated(), here.isRequired()));
            }
            return;
        }
        for (XSParticle child : group.getChildren()) {
            walk(child, here, choice);
        }
    }

    /** An element named twice in one content model may occur as often as both places allow. */
    private void add(XSElementDecl declaration, Occurs occurs, TargetNode.Choice choice) {
        QName name = new QName(declaration.getTargetNamespace(), declaration.getName());
        Use earlier = uses.get(name);
        if (earlier == null) {
            uses.put(name, new Use(declaration, occurs, choice));
            return;
        }
        int max = earlier.occurs().max() == Occurs.UNBOUNDED || occurs.max() == Occurs.UNBOUNDED
                ? Occurs.UNBOUNDED : earlier.occurs().max() + occurs.max();
        uses.put(name, new Use(declaration, new Occurs(earlier.occurs().min() + occurs.min(), max), earlier.choice()));
    }

    private static int count(BigInteger value) {
        if (value.signum() < 0) {
            return Occurs.UNBOUNDED;
        }
        return value.bitLength() > 31 ? Integer.MAX_VALUE : value.intValue();
    }
}
