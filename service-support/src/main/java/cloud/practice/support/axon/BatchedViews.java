package cloud.practice.support.axon;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read-model documents as one tracking processor's batch sees them (issues 24 and 25): each document is read once
 * per batch — the documents of every aggregate in the batch in one {@code $in} query, on the first read of their
 * type — and written once, all of a collection's changes in one bulk write when the batch ends. A projection that
 * found and replaced a document per event paid two round trips per event; a batch of a hundred events of fifty
 * aggregates now costs two per collection.
 * <p>
 * The writes are made by {@link #flushAfterLastMessage()}, an interceptor on every processor, after the batch's
 * last message is handled and before the unit of work commits — that is, before the processor stores its token.
 * A failed write fails the batch, which the processor retries from its token (ADR 0001); nothing is written for a
 * batch rolled back. Outside a processor's batch (a unit of work without the interceptor) the writes are made when
 * the unit of work prepares to commit, and outside any unit of work at once. Documents are whole: {@link #save}
 * replaces the stored document, as {@code MongoTemplate.save} does. A query other than by id does not see the
 * batch's writes before they are made, so a projection keeps to {@link #find} for the documents it changes.
 */
public final class BatchedViews {

    private final MongoTemplate mongo;
    private final String resourceKey = BatchedViews.class.getName() + "@" + System.identityHashCode(this);

    public BatchedViews(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The document with this id as the batch left it, or null when there is none. */
    public <T> T find(Class<T> type, Object id) {
        Pending pending = pending();
        if (pending == null) {
            return mongo.findById(id, type);
        }
        Map<Object, Change> documents = pending.documents(type);
        if (!documents.containsKey(id)) {
            pending.readBatchAggregates(type, documents, id);
        }
        Change known = documents.get(id);
        if (known == null) {
            known = new Change(mongo.findById(id, type), false);
            documents.put(id, known);
        }
        return type.cast(known.document);
    }

    /** Stores the whole document (replacing what is there) when the batch ends. */
    public void save(Object document) {
        Pending pending = pending();
        if (pending == null) {
            mongo.save(document);
            return;
        }
        pending.documents(document.getClass()).put(idOf(document), new Change(document, true));
    }

    /** Removes the document with this id when the batch ends. */
    public void remove(Class<?> type, Object id) {
        Pending pending = pending();
        if (pending == null) {
            mongo.remove(byId(id), type);
            return;
        }
        pending.documents(type).put(id, new Change(null, true));
    }

    /**
     * Registered on every tracking processor: the batch's writes are made after its last message, inside the unit of
     * work, so that a failed write rolls the batch back before the processor's token is stored.
     */
    public MessageHandlerInterceptor<EventMessage<?>> flushAfterLastMessage() {
        return (UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) -> {
            Object result = chain.proceed();
            UnitOfWork<?> root = unitOfWork.root();
            if (!(root instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
                Pending pending = root.getResource(resourceKey);
                if (pending != null) {
                    pending.write();
                }
            }
            return result;
        };
    }

    private Pending pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(resourceKey, key -> {
            Pending pending = new Pending(root);
            root.onPrepareCommit(committing -> pending.write());
            return pending;
        });
    }

    private Object idOf(Object document) {
        return mongo.getConverter().getMappingContext().getRequiredPersistentEntity(document.getClass())
                .getIdentifierAccessor(document).getRequiredIdentifier();
    }

    private static Query byId(Object id) {
        return Query.query(Criteria.where("_id").is(id));
    }

    /** A document as the batch knows it: null when there is none (or it was removed); dirty when it must be written. */
    private record Change(Object document, boolean dirty) {
    }

    /** One unit of work's documents, by type and id, in the order first touched. */
    private final class Pending {
        private final UnitOfWork<?> unitOfWork;
        private final Map<Class<?>, Map<Object, Change>> byType = new LinkedHashMap<>();
        private final Set<Class<?>> batchRead = new LinkedHashSet<>();
        private Set<String> aggregates;

        Pending(UnitOfWork<?> unitOfWork) {
            this.unitOfWork = unitOfWork;
        }

        Map<Object, Change> documents(Class<?> type) {
            return byType.computeIfAbsent(type, t -> new HashMap<>());
        }

        /**
         * On a batch's first read of a type by the id of an aggregate whose events are in the batch: the documents of
         * every such aggregate, in one query (a view keyed by its aggregate's id). Ids the query did not find are
         * known to be absent; what the batch already changed stays. Documents keyed otherwise are read one by one.
         */
        void readBatchAggregates(Class<?> type, Map<Object, Change> documents, Object id) {
            Set<String> aggregates = batchAggregates();
            if (aggregates.size() < 2 || !aggregates.contains(id) || !batchRead.add(type)) {
                return;
            }
            List<String> ids = aggregates.stream().filter(aggregate -> !documents.containsKey(aggregate)).toList();
            Map<Object, Object> found = new HashMap<>();
            for (Object document : mongo.find(Query.query(Criteria.where("_id").in(ids)), type)) {
                found.put(idOf(document), document);
            }
            for (String aggregate : ids) {
                documents.putIfAbsent(aggregate, new Change(found.get(aggregate), false));
            }
        }

        private Set<String> batchAggregates() {
            if (aggregates == null) {
                aggregates = new LinkedHashSet<>();
                if (unitOfWork instanceof BatchingUnitOfWork<?> batch) {
                    for (Object message : batch.getMessages()) {
                        if (message instanceof DomainEventMessage<?> event && event.getAggregateIdentifier() != null) {
                            aggregates.add(event.getAggregateIdentifier());
                        }
                    }
                }
            }
            return aggregates;
        }

        /** Writes what changed, one bulk write per collection, and forgets it (a later message may change more). */
        void write() {
            for (Map.Entry<Class<?>, Map<Object, Change>> entry : byType.entrySet()) {
                List<Map.Entry<Object, Change>> dirty = new ArrayList<>();
                entry.getValue().entrySet().stream().filter(e -> e.getValue().dirty).forEach(dirty::add);
                if (dirty.isEmpty()) {
                    continue;
                }
                BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, entry.getKey());
                for (Map.Entry<Object, Change> change : dirty) {
                    if (change.getValue().document == null) {
                        bulk.remove(byId(change.getKey()));
                    } else {
                        bulk.replaceOne(byId(change.getKey()), change.getValue().document,
                                FindAndReplaceOptions.options().upsert());
                    }
                }
                bulk.execute();
                for (Map.Entry<Object, Change> change : dirty) {
                    entry.getValue().put(change.getKey(), new Change(change.getValue().document, false));
                }
            }
        }
    }
}
