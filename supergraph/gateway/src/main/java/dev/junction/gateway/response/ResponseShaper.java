package dev.junction.gateway.response;

import dev.junction.gateway.execution.GraphQLErrors;
import dev.junction.planner.DeferDirective;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLUnionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shapes the merged subgraph data into the client's response: only the fields the operation
 * selected, in its order, under its aliases, with {@code @skip}/{@code @include} and type
 * conditions applied, enum values checked against the API schema, and null propagation as the
 * GraphQL spec defines it. Adds an error for every non-null violation not already explained by an
 * error at, above or below that path.
 */
public final class ResponseShaper {
  private static final int VALUE = 0;
  private static final int NULL = 1;
  private static final int BUBBLE = 2;

  private final GraphQLSchema schema;
  private final Map<String, FragmentDefinition> fragments;
  private final Map<String, Object> variables;
  private final List<Map<String, Object>> errors;
  private Map<SelectionCache.Key, List<Collected>> cache;
  private List<DeferSite> sites;
  private final Map<String, Boolean> possibleCache = new java.util.HashMap<>();
  private final Set<Field> refused;

  /**
   * @param apiSchema the API schema
   * @param fragments the operation's fragments by name
   * @param variables the coerced variables (for {@code @skip}/{@code @include})
   * @param errors the response's errors; shaping adds to them
   * @param shared the operation's cache of collected fields, or null: used when the operation's
   *     field collection does not depend on variables
   */
  public ResponseShaper(
      GraphQLSchema apiSchema,
      Map<String, FragmentDefinition> fragments,
      Map<String, Object> variables,
      List<Map<String, Object>> errors,
      SelectionCache shared) {
    this(apiSchema, fragments, variables, errors, shared, Set.of());
  }

  /**
   * A shaper that answers null for {@code refused} field nodes of the operation (by identity),
   * whatever data arrived for them: fields the caller may not see.
   */
  public ResponseShaper(
      GraphQLSchema apiSchema,
      Map<String, FragmentDefinition> fragments,
      Map<String, Object> variables,
      List<Map<String, Object>> errors,
      SelectionCache shared,
      Set<Field> refused) {
    this.refused = refused;
    this.schema = apiSchema;
    this.fragments = fragments;
    this.variables = variables;
    this.errors = errors;
    this.cache = shared != null && shared.shareable() ? shared.map() : new java.util.HashMap<>();
  }

  public ResponseShaper(
      GraphQLSchema apiSchema,
      Map<String, FragmentDefinition> fragments,
      Map<String, Object> variables,
      List<Map<String, Object>> errors) {
    this(apiSchema, fragments, variables, errors, null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }

  /**
   * Leaves active {@code @defer} fragments out of what it writes (those whose {@code if} is not
   * false) and adds each place one applies to, in document order, to {@code sink}: the primary part
   * of an incremental response, or a deferred part with the fragments nested in it.
   */
  public ResponseShaper deferring(List<DeferSite> sink) {
    this.sites = sink;
    this.cache = new java.util.HashMap<>(); // what is collected differs from the shared cache's
    return this;
  }

  /**
   * One object a deferred fragment applies to, found while shaping its parent part.
   *
   * @param at where the fragment's {@code @defer} is in the document ({@code line:column}), or null
   * @param label the fragment's label, or null
   * @param path the object's response path (list indices as integers)
   * @param object the object's merged data (later fetches merge into it)
   * @param type the object's type
   * @param selections the fragment's selection set
   */
  public record DeferSite(
      String at,
      String label,
      List<Object> path,
      Map<String, Object> object,
      GraphQLFieldsContainer type,
      SelectionSet selections) {}

  /**
   * Writes the fragment of {@code site} on its object into {@code out} (the {@code data} of an
   * incremental payload), or {@code null} when null propagation reached the fragment; deferred
   * fragments inside are left out and added to this shaper's sink.
   */
  public void writeDeferred(DeferSite site, JsonWriter out) {
    int mark = out.position();
    int siteMark = sites == null ? 0 : sites.size();
    List<Object> path = new ArrayList<>(site.path());
    if (writeObject(site.object(), site.type(), List.of(site.selections()), path, out) == BUBBLE) {
      out.reset(mark);
      out.writeNull();
      truncateSites(siteMark);
    }
  }

  private void truncateSites(int mark) {
    if (sites != null && sites.size() > mark) {
      sites.subList(mark, sites.size()).clear();
    }
  }

  /** A field of a selection on one type: collected once and reused per object. */
  record Collected(
      String key,
      byte[] keyBytes,
      int kind,
      GraphQLOutputType type,
      List<SelectionSet> sub,
      DeferSite deferred) {
    static final int FIELD = 0;
    static final int TYPENAME = 1;
    static final int INTROSPECTION = 2;
    static final int REFUSED = 3;
    static final int DEFERRED = 4;

    Collected(
        String key, byte[] keyBytes, int kind, GraphQLOutputType type, List<SelectionSet> sub) {
      this(key, keyBytes, kind, type, sub, null);
    }
  }

  /**
   * Writes the shaped root object into {@code out}, or {@code null} when null propagation reached
   * the root.
   */
  public void writeRoot(
      Map<String, Object> data,
      GraphQLObjectType rootType,
      SelectionSet selections,
      JsonWriter out) {
    int mark = out.position();
    if (writeObject(data, rootType, List.of(selections), new ArrayList<>(), out) == BUBBLE) {
      out.reset(mark);
      out.writeNull();
      truncateSites(0);
    }
  }

  private List<Collected> collected(GraphQLFieldsContainer type, List<SelectionSet> sets) {
    SelectionCache.Key cacheKey = new SelectionCache.Key(type.getName(), sets);
    List<Collected> cached = cache.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    Map<String, List<Field>> fields = new LinkedHashMap<>();
    List<Collected> deferred = sites == null ? null : new ArrayList<>();
    for (SelectionSet set : sets) {
      collect(type, set, fields, deferred);
    }
    List<Collected> out = new ArrayList<>(fields.size());
    for (Map.Entry<String, List<Field>> e : fields.entrySet()) {
      Field first = e.getValue().get(0);
      String name = first.getName();
      // interned like the field names of parsed subgraph responses: lookups compare references
      String responseKey = e.getKey().intern();
      byte[] key = JsonWriter.encodeKey(responseKey);
      if (name.equals("__typename")) {
        out.add(new Collected(responseKey, key, Collected.TYPENAME, null, List.of()));
        continue;
      }
      if (name.length() > 1 && name.charAt(0) == '_' && name.charAt(1) == '_') {
        out.add(new Collected(responseKey, key, Collected.INTROSPECTION, null, List.of()));
        continue;
      }
      GraphQLFieldDefinition def = type.getFieldDefinition(name);
      if (def == null) {
        continue;
      }
      if (!refused.isEmpty() && refused.containsAll(e.getValue())) {
        out.add(new Collected(responseKey, key, Collected.REFUSED, def.getType(), List.of()));
        continue;
      }
      List<SelectionSet> sub = new ArrayList<>();
      for (Field f : e.getValue()) {
        if (f.getSelectionSet() != null) {
          sub.add(f.getSelectionSet());
        }
      }
      out.add(new Collected(responseKey, key, Collected.FIELD, def.getType(), List.copyOf(sub)));
    }
    if (deferred != null) {
      out.addAll(deferred); // last: written as nothing, recorded as sites
    }
    List<Collected> result = List.copyOf(out);
    cache.put(cacheKey, result);
    return result;
  }

  /** Writes one object; returns BUBBLE when a non-null field of it is null. */
  private int writeObject(
      Map<String, Object> src,
      GraphQLFieldsContainer type,
      List<SelectionSet> sets,
      List<Object> path,
      JsonWriter out) {
    List<Collected> fields = collected(type, sets);
    out.writeByte('{');
    int deferredFrom = -1;
    for (int i = 0, n = fields.size(); i < n; i++) {
      Collected c = fields.get(i);
      if (c.kind() == Collected.DEFERRED) {
        deferredFrom = i; // the deferred fragments come last
        break;
      }
      if (i > 0) {
        out.writeByte(',');
      }
      out.writeRaw(c.keyBytes());
      if (c.kind() == Collected.TYPENAME) {
        out.writeValue(type instanceof GraphQLObjectType ? type.getName() : src.get("__typename"));
        continue;
      }
      if (c.kind() == Collected.INTROSPECTION) {
        out.writeValue(src.get(c.key())); // introspection, resolved by the gateway itself
        continue;
      }
      path.add(c.key());
      Object value = src == null || c.kind() == Collected.REFUSED ? null : src.get(c.key());
      int status = write(value, c.type(), c.sub(), path, out);
      path.remove(path.size() - 1);
      if (status == BUBBLE) {
        return BUBBLE;
      }
    }
    out.writeByte('}');
    if (deferredFrom >= 0) {
      List<Object> at = List.copyOf(path);
      for (int i = deferredFrom, n = fields.size(); i < n; i++) {
        DeferSite fragment = fields.get(i).deferred();
        sites.add(
            new DeferSite(fragment.at(), fragment.label(), at, src, type, fragment.selections()));
      }
    }
    return VALUE;
  }

  /**
   * Completes a value of {@code type} into {@code out}: VALUE or NULL when it wrote one, BUBBLE
   * when the value is null in a non-null position (the caller turns its own value into null).
   */
  private int write(
      Object raw,
      GraphQLOutputType type,
      List<SelectionSet> sets,
      List<Object> path,
      JsonWriter out) {
    if (type instanceof GraphQLNonNull nn) {
      int status = write(raw, (GraphQLOutputType) nn.getWrappedType(), sets, path, out);
      if (status != VALUE) {
        if (status == NULL && !explained(path)) {
          errors.add(
              GraphQLErrors.error(
                  "Cannot return null for non-nullable field " + describe(path),
                  GraphQLErrors.SUBGRAPH_INVALID_RESPONSE,
                  new ArrayList<>(path),
                  null));
        }
        return BUBBLE;
      }
      return VALUE;
    }
    if (raw == null) {
      out.writeNull();
      return NULL;
    }
    if (type instanceof GraphQLList list) {
      if (!(raw instanceof List<?> items)) {
        return invalid(path, "expected a list", out);
      }
      int mark = out.position();
      int siteMark = sites == null ? 0 : sites.size();
      out.writeByte('[');
      GraphQLOutputType itemType = (GraphQLOutputType) list.getWrappedType();
      for (int i = 0, n = items.size(); i < n; i++) {
        if (i > 0) {
          out.writeByte(',');
        }
        path.add(i);
        int status = write(items.get(i), itemType, sets, path, out);
        path.remove(path.size() - 1);
        if (status == BUBBLE) {
          out.reset(mark);
          out.writeNull();
          truncateSites(siteMark);
          return NULL;
        }
      }
      out.writeByte(']');
      return VALUE;
    }
    if (type instanceof GraphQLEnumType en) {
      if (raw instanceof String s && en.getValue(s) != null) {
        out.writeString(s);
        return VALUE;
      }
      errors.add(
          GraphQLErrors.error(
              "Invalid value " + raw + " for enum " + en.getName() + " at " + describe(path),
              GraphQLErrors.INVALID_ENUM_VALUE,
              new ArrayList<>(path),
              null));
      out.writeNull();
      return NULL;
    }
    if (type instanceof GraphQLCompositeType composite) {
      if (!(raw instanceof Map<?, ?> m)) {
        return invalid(path, "expected an object", out);
      }
      Map<String, Object> obj = castMap(m);
      GraphQLFieldsContainer runtime = runtimeType(obj, composite);
      if (runtime == null) {
        return invalid(path, "unknown __typename " + obj.get("__typename"), out);
      }
      int mark = out.position();
      int siteMark = sites == null ? 0 : sites.size();
      if (writeObject(obj, runtime, sets, path, out) == BUBBLE) {
        out.reset(mark);
        out.writeNull();
        truncateSites(siteMark);
        return NULL;
      }
      return VALUE;
    }
    out.writeValue(raw); // scalars pass through as the subgraph serialized them
    return VALUE;
  }

  private int invalid(List<Object> path, String why, JsonWriter out) {
    if (!explained(path)) {
      errors.add(
          GraphQLErrors.error(
              "Invalid subgraph data at " + describe(path) + ": " + why,
              GraphQLErrors.SUBGRAPH_INVALID_RESPONSE,
              new ArrayList<>(path),
              null));
    }
    out.writeNull();
    return NULL;
  }

  /**
   * The object type of a value; for an interface whose concrete type no subgraph told (an
   * {@code @interfaceObject} answer), the interface itself, so its own fields can be served.
   */
  private GraphQLFieldsContainer runtimeType(Map<String, Object> obj, GraphQLCompositeType type) {
    if (type instanceof GraphQLObjectType o) {
      return o;
    }
    Object tn = obj.get("__typename");
    if (tn instanceof String name && schema.getType(name) instanceof GraphQLObjectType o) {
      if (possible(type.getName(), o.getName())) {
        return o;
      }
    }
    if (type instanceof GraphQLInterfaceType i && (tn == null || i.getName().equals(tn))) {
      return i;
    }
    return null;
  }

  private boolean possible(String abstractType, String objectType) {
    if (abstractType.equals(objectType)) {
      return true;
    }
    String key = abstractType + "\u0000" + objectType;
    Boolean cached = possibleCache.get(key);
    if (cached != null) {
      return cached;
    }
    boolean result;
    GraphQLType t = schema.getType(abstractType);
    if (abstractType.equals(objectType)) {
      result = true;
    } else if (t instanceof GraphQLUnionType u) {
      result = u.getTypes().stream().anyMatch(m -> m.getName().equals(objectType));
    } else if (t instanceof GraphQLInterfaceType i) {
      result = schema.getImplementations(i).stream().anyMatch(m -> m.getName().equals(objectType));
    } else {
      result = false;
    }
    possibleCache.put(key, result);
    return result;
  }

  private void collect(
      GraphQLFieldsContainer type,
      SelectionSet set,
      Map<String, List<Field>> out,
      List<Collected> deferred) {
    for (Selection<?> s : set.getSelections()) {
      if (s instanceof Field f) {
        if (included(f.getDirectives())) {
          out.computeIfAbsent(f.getResultKey(), k -> new ArrayList<>()).add(f);
        }
      } else if (s instanceof InlineFragment inf) {
        if (included(inf.getDirectives())
            && (inf.getTypeCondition() == null
                || possible(inf.getTypeCondition().getName(), type.getName()))) {
          fragment(type, inf.getDirectives(), inf.getSelectionSet(), out, deferred);
        }
      } else if (s instanceof FragmentSpread spread) {
        FragmentDefinition def = fragments.get(spread.getName());
        if (def != null
            && included(spread.getDirectives())
            && possible(def.getTypeCondition().getName(), type.getName())) {
          fragment(type, spread.getDirectives(), def.getSelectionSet(), out, deferred);
        }
      }
    }
  }

  /** A fragment that applies: its fields collected, or, when deferring, it recorded as deferred. */
  private void fragment(
      GraphQLFieldsContainer type,
      List<Directive> directives,
      SelectionSet selections,
      Map<String, List<Field>> out,
      List<Collected> deferred) {
    Directive defer = deferred == null ? null : activeDefer(directives);
    if (defer != null) {
      DeferSite fragment =
          new DeferSite(
              DeferDirective.at(defer), DeferDirective.label(defer), null, null, null, selections);
      deferred.add(new Collected(null, null, Collected.DEFERRED, null, List.of(), fragment));
    } else {
      collect(type, selections, out, deferred);
    }
  }

  /** The fragment's {@code @defer} unless it is absent or its {@code if} is false. */
  private Directive activeDefer(List<Directive> directives) {
    Directive defer = DeferDirective.of(directives);
    if (defer == null || DeferDirective.isOff(defer)) {
      return null;
    }
    String variable = DeferDirective.ifVariable(defer);
    return variable != null && Boolean.FALSE.equals(variables.get(variable)) ? null : defer;
  }

  private boolean included(List<Directive> directives) {
    for (Directive d : directives) {
      if (d.getName().equals("skip") && truthy(d)) {
        return false;
      }
      if (d.getName().equals("include") && !truthy(d)) {
        return false;
      }
    }
    return true;
  }

  private boolean truthy(Directive d) {
    var arg = d.getArgument("if");
    if (arg == null) {
      return false;
    }
    Value<?> v = arg.getValue();
    if (v instanceof BooleanValue b) {
      return b.isValue();
    }
    if (v instanceof VariableReference r) {
      return Boolean.TRUE.equals(variables.get(r.getName()));
    }
    return false;
  }

  /**
   * Whether an error already covers this path (at it, above it or below it); {@code "@"} in an
   * error's path (a field refused for every item of a list) matches any index.
   */
  private boolean explained(List<Object> path) {
    for (Map<String, Object> e : errors) {
      Object p = e.get("path");
      if (!(p instanceof List<?> ep)) {
        if (e.get("extensions") instanceof Map<?, ?> ext && ext.get("serviceName") != null) {
          return true; // a failed fetch without a path explains missing data
        }
        continue;
      }
      int n = Math.min(ep.size(), path.size());
      boolean prefix = true;
      for (int i = 0; i < n; i++) {
        Object segment = ep.get(i);
        if (!"@".equals(segment) && !String.valueOf(segment).equals(String.valueOf(path.get(i)))) {
          prefix = false;
          break;
        }
      }
      if (prefix) {
        return true;
      }
    }
    return false;
  }

  private static String describe(List<Object> path) {
    StringBuilder sb = new StringBuilder();
    for (Object p : path) {
      if (p instanceof Integer) {
        sb.append('[').append(p).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(p);
      }
    }
    return sb.toString();
  }

  /** The named type of a field in a fields container, or null. */
  static GraphQLNamedType fieldType(GraphQLFieldsContainer c, String name) {
    GraphQLFieldDefinition d = c.getFieldDefinition(name);
    return d == null
        ? null
        : (GraphQLNamedType) graphql.schema.GraphQLTypeUtil.unwrapAll(d.getType());
  }
}
